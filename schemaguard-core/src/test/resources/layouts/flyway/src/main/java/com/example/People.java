package com.example;

public class People {
}
